"""Graphs: representations, DFS/BFS against scipy.sparse.csgraph, Egg's glossary's broken
traversal snippets as regression tests, and the greedy tour against brute force."""

import itertools
import math
import sys

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import breadth_first_order, depth_first_order

from mlcheatsheet.math import graphs as gr

TREE = {1: [2, 3], 2: [4, 5], 3: [6, 7], 4: [], 5: [], 6: [], 7: []}


def _random_graph(seed, n=12, density=0.2):
    rng = np.random.default_rng(seed)
    A = (rng.random((n, n)) < density).astype(float)
    A = np.maximum(A, A.T)
    np.fill_diagonal(A, 0)
    return A, {i: [int(j) for j in np.flatnonzero(A[i])] for i in range(n)}


# --- representations -------------------------------------------------------------------------


def test_edges_list_and_matrix_agree():
    edges = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (3, 5), (4, 5)]   # 6 nodes, 7 edges
    graph = gr.from_edges(edges)
    A, nodes = gr.adjacency_matrix(graph)
    assert len(nodes) == 6 and A.sum() == 2 * len(edges)            # each edge both ways
    np.testing.assert_array_equal(A, A.T)
    np.testing.assert_array_equal(A.sum(axis=1), [len(graph[v]) for v in nodes])   # degrees
    directed = gr.from_edges(edges, directed=True)
    assert gr.adjacency_matrix(directed)[0].sum() == len(edges)
    # (A^2)[i, j] counts the walks of length 2 from i to j
    assert (A @ A)[0, 3] == 1 and (A @ A)[0, 0] == 2


@pytest.mark.parametrize("seed", range(10))
def test_dfs_and_bfs_against_scipy(seed):
    A, graph = _random_graph(seed)
    for start in (0, 5):
        assert gr.dfs(graph, start) == depth_first_order(
            csr_matrix(A), start, return_predecessors=False).tolist()
        assert gr.bfs(graph, start) == breadth_first_order(
            csr_matrix(A), start, return_predecessors=False).tolist()


def test_traversal_orders_on_a_tree_and_a_cycle():
    assert gr.dfs(TREE, 1) == [1, 2, 4, 5, 3, 6, 7]
    assert gr.bfs(TREE, 1) == [1, 2, 3, 4, 5, 6, 7]
    cycle = gr.from_edges([(0, 1), (1, 2), (2, 3), (3, 0)])
    assert gr.dfs(cycle, 0) == [0, 1, 2, 3] and gr.bfs(cycle, 0) == [0, 1, 3, 2]
    # only what is reachable
    assert gr.bfs({"a": ["b"], "b": [], "c": ["a"]}, "a") == ["a", "b"]


def test_bfs_visits_nodes_in_order_of_distance():
    A, graph = _random_graph(3, n=30, density=0.1)
    order = gr.bfs(graph, 0)
    hops = {0: 0}
    for node in order:  # distances from the order's own parent structure
        for n in graph[node]:
            hops.setdefault(n, hops[node] + 1)
    assert [hops[v] for v in order] == sorted(hops[v] for v in order)


def test_dfs_does_not_hit_the_recursion_limit():
    n = sys.getrecursionlimit() + 500
    path = {i: [i + 1] for i in range(n)} | {n: []}
    assert gr.dfs(path, 0)[-1] == n


# --- Egg's glossary's snippets, as printed -----------------------------------------------------

SEED_DFS = ("def traverse(node, visited):\n"
            "    for node in node.children - visited:\n"
            "\t\t\t\ttraverse(node, visited)\n"
            "    if len(node.children)==0:\n"
            "\n"
            "traverse(root, set())\n")
SEED_BFS = ("q = []\n"
            "def traverse(node, visited):\n"
            "    while q:\n"
            "        node = q.pop()\n"
            "        for node in node.children - visited:\n"
            "\n"
            "traverse(root, set())\n")


@pytest.mark.parametrize("snippet", [SEED_DFS, SEED_BFS], ids=["dfs", "bfs"])
def test_the_glossary_snippets_do_not_compile(snippet):
    with pytest.raises((TabError, IndentationError)):
        compile(snippet, "<glossary>", "exec")


class _Node:
    def __init__(self, name):
        self.name, self.children = name, set()


def test_the_glossary_dfs_logic_never_marks_a_node_visited():
    """Indentation repaired, logic kept: ``visited`` is never updated, so a cycle never ends."""
    def traverse(node, visited, seen):
        seen.append(node.name)
        for child in node.children - visited:       # the glossary's loop, visited never grows
            traverse(child, visited, seen)

    a, b = _Node("a"), _Node("b")
    a.children, b.children = {b}, {a}
    with pytest.raises(RecursionError):
        traverse(a, set(), [])
    assert gr.dfs({"a": ["b"], "b": ["a"]}, "a") == ["a", "b"]


def test_the_glossary_bfs_logic_is_a_dfs_and_never_starts():
    """Its queue ``q`` is never seeded, so the loop never runs; seeded, ``list.pop()`` takes the
    newest node (a stack), which visits depth first, not level by level."""
    def traverse(q, graph):
        order, visited = [], set()
        while q:
            node = q.pop()
            if node in visited:
                continue
            visited.add(node)
            order.append(node)
            q.extend(n for n in graph[node] if n not in visited)
        return order

    assert traverse([], TREE) == []                  # as printed: q = [] and nothing is added
    as_stack = traverse([1], TREE)
    assert as_stack != gr.bfs(TREE, 1) and as_stack[:3] == [1, 3, 7]


# --- tours -----------------------------------------------------------------------------------


def _brute_force_length(points):
    n = len(points)
    return min(sum(math.dist(points[p[i]], points[p[(i + 1) % n]]) for i in range(n))
               for p in itertools.permutations(range(n)))


@pytest.mark.parametrize("seed", range(6))
def test_optimal_tour_against_an_independent_brute_force(seed):
    points = np.random.default_rng(seed).random((7, 2)).tolist()
    best = gr.optimal_tour(points)
    assert sorted(best) == list(range(7)) and best[0] == 0
    assert gr.tour_length(points, best) == pytest.approx(_brute_force_length(points), rel=1e-12)


def test_nearest_neighbour_is_greedy_and_never_beats_the_optimum():
    rng = np.random.default_rng(0)
    ratios = []
    for _ in range(30):
        points = rng.random((8, 2))
        tour = gr.nearest_neighbour_tour(points)
        D = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
        for i in range(1, len(tour)):  # each step goes to the nearest point not yet visited
            left = [j for j in range(8) if j not in tour[:i]]
            assert D[tour[i - 1], tour[i]] == pytest.approx(D[tour[i - 1], left].min())
        ratios.append(gr.tour_length(points, tour) / gr.tour_length(points, gr.optimal_tour(points)))
    assert min(ratios) >= 1 - 1e-12
    assert max(ratios) > 1.05            # greedy is often not optimal


def test_a_line_where_greedy_is_optimal_and_one_where_it_is_not():
    line = [[0, 0], [1, 0], [2, 0], [3, 0]]
    assert gr.tour_length(line, gr.nearest_neighbour_tour(line)) == 6.0
    # start in the middle: greedy goes right, then crosses to the left, then all the way right
    points = [[0, 0], [1, 0], [-1.1, 0], [4, 0]]
    assert gr.nearest_neighbour_tour(points) == [0, 1, 2, 3]
    greedy = gr.tour_length(points, gr.nearest_neighbour_tour(points))
    best = gr.tour_length(points, gr.optimal_tour(points))
    assert greedy == pytest.approx(1 + 2.1 + 5.1 + 4) and best == pytest.approx(2 * (4 + 1.1))


@pytest.mark.parametrize("call, message", [
    (lambda: gr.dfs({"a": ["b"]}, "a"), "'b' is not a node of graph"),
    (lambda: gr.bfs({1: [2], 2: [3]}, 1), "3 is not a node of graph"),
    (lambda: gr.adjacency_matrix({1: [2], 2: [9]}), "9 is not a node"),
    (lambda: gr.dfs(TREE, 8), "start must be a node of graph"),
    (lambda: gr.bfs(TREE, True), "start must be a node label"),
    (lambda: gr.dfs({}, 1), "non-empty dict"),
    (lambda: gr.dfs({1: 2}, 1), r"graph\[1\] must be a list of neighbours"),
    (lambda: gr.from_edges([(1, 2, 3)]), r"\(u, v\) pairs"),
    (lambda: gr.from_edges([]), "at least one edge"),
    (lambda: gr.optimal_tour(np.zeros((10, 2))), "at most 9 points"),
    (lambda: gr.nearest_neighbour_tour([[0.0, 0.0]]), "at least 2 points"),
    (lambda: gr.nearest_neighbour_tour([[0.0, 0.0], [1.0, 1.0]], start=2), "start must be the index"),
    (lambda: gr.tour_length([[0.0, 0.0], [1.0, 1.0]], [0, 0]), "exactly once"),
])
def test_bad_input(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
