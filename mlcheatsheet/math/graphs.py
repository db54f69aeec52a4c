r"""Graphs: adjacency lists and matrices, depth- and breadth-first search, a greedy tour.

A graph :math:`G = (V, E)` is stored as an **adjacency list**: a dict mapping each
node to the list of its neighbours (:func:`from_edges` builds one). Nodes are
integers or strings; every neighbour must itself be a node of the graph.

- :func:`adjacency_matrix` — the same graph as a 0/1 matrix.
- :func:`dfs` and :func:`bfs` — the two ways to visit every node reachable from a
  start: go deep first (a stack), or level by level (a queue).
- :func:`nearest_neighbour_tour` — the greedy heuristic for the travelling
  salesman problem; :func:`optimal_tour` finds the best tour by brute force on
  small instances, to measure how far from optimal the greedy one is.
"""

import itertools
import numbers
from collections import deque

import numpy as np

from .._validation import flag, integer, matrix, validate

__all__ = ["from_edges", "adjacency_matrix", "dfs", "bfs", "tour_length",
           "nearest_neighbour_tour", "optimal_tour"]

#: The most points :func:`optimal_tour` accepts: it tries (n - 1)! orders.
MAX_BRUTE_FORCE = 9


# --------------------------------------------------------------------------
# Specs and relations
# --------------------------------------------------------------------------


def _is_label(value):
    not_a_number = (bool, np.bool_, np.datetime64, np.timedelta64)
    return (isinstance(value, str)
            or (isinstance(value, numbers.Integral) and not isinstance(value, not_a_number)))


def _describe(value):
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) < 40 else text[:37] + '...'}"


def _node(value, name):
    """Spec: a node label (an int or a str); whether it is in the graph is checked later."""
    if not _is_label(value):
        raise TypeError(f"{name} must be a node label (an int or a str); got {_describe(value)}")
    return int(value) if isinstance(value, numbers.Integral) else value


_node.kind = "node"


def _graph(value, name):
    """Spec: an adjacency list ``{node: [neighbours]}`` whose neighbours are all nodes."""
    if not isinstance(value, dict) or not value:
        raise TypeError(f"{name} must be a non-empty dict {{node: [neighbours]}} "
                        f"(an adjacency list); got {_describe(value)}")
    graph = {}
    for node, neighbours in value.items():
        if not _is_label(node):
            raise TypeError(f"{name} has a node {_describe(node)}; nodes must be ints or strs")
        if isinstance(neighbours, (str, bytes)) or not hasattr(neighbours, "__iter__"):
            raise TypeError(f"{name}[{node!r}] must be a list of neighbours; "
                            f"got {_describe(neighbours)}")
        graph[node] = list(neighbours)
    for node, neighbours in graph.items():
        for neighbour in neighbours:
            if not _is_label(neighbour) or neighbour not in graph:
                raise ValueError(f"{name} lists {neighbour!r} as a neighbour of {node!r}, but "
                                 f"{neighbour!r} is not a node of {name} (add it as a key, "
                                 f"with an empty list if it has no neighbours of its own)")
    return graph


_graph.kind = "graph"


def _edges(value, name):
    """Spec: a non-empty list of (u, v) pairs of node labels."""
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a list of (u, v) pairs; got {_describe(value)}")
    pairs = list(value)
    if not pairs:
        raise ValueError(f"{name} must hold at least one edge; got none")
    for pair in pairs:
        if (isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2
                or not all(_is_label(v) for v in pair)):
            raise TypeError(f"{name} must be (u, v) pairs of node labels (ints or strs); "
                            f"got {_describe(pair)}")
    return [tuple(pair) for pair in pairs]


_edges.kind = "edges"


def _start_in_graph(args):
    if args["start"] not in args["graph"]:
        raise ValueError(f"start must be a node of graph; got {args['start']!r}, "
                         f"not among its {len(args['graph'])} nodes")


def _two_or_more_points(args):
    if len(args["points"]) < 2:
        raise ValueError(f"points must hold at least 2 points for a tour; got {len(args['points'])}")


def _start_is_a_point(args):
    if args["start"] >= len(args["points"]):
        raise ValueError(f"start must be the index of a point (< {len(args['points'])}); "
                         f"got {args['start']}")


def _a_tour_from_start(args):
    _two_or_more_points(args)
    _start_is_a_point(args)


def _small_enough(args):
    if len(args["points"]) > MAX_BRUTE_FORCE:
        raise ValueError(f"points must hold at most {MAX_BRUTE_FORCE} points for brute force "
                         f"(it tries (n-1)! tours); got {len(args['points'])}")


def _tour_visits_each_point_once(args):
    tour, n = args["tour"], len(args["points"])
    if sorted(tour) != list(range(n)):
        raise ValueError(f"tour must visit each of the {n} points exactly once; got {tour}")


def _tour(value, name):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a list of point indices; got {_describe(value)}")
    tour = list(value)
    if not all(isinstance(i, numbers.Integral) and not isinstance(i, (bool, np.bool_))
               for i in tour):
        raise TypeError(f"{name} must hold integer point indices; got {_describe(value)}")
    return [int(i) for i in tour]


_tour.kind = "tour"


# --------------------------------------------------------------------------
# Representations
# --------------------------------------------------------------------------


@validate(edges=_edges, directed=flag)
def from_edges(edges, directed=False):
    r"""The adjacency list of a graph given by its edges.

    Parameters
    ----------
    edges : list of (u, v) pairs
    directed : bool, default False
        If False each edge is added both ways.

    Returns
    -------
    dict
        ``{node: sorted list of neighbours}``, nodes in order of first appearance.

    Examples
    --------
    >>> from_edges([("a", "b"), ("b", "c")])
    {'a': ['b'], 'b': ['a', 'c'], 'c': ['b']}
    """
    graph = {}
    for u, v in edges:
        graph.setdefault(u, set()).add(v)
        graph.setdefault(v, set())
        if not directed:
            graph[v].add(u)
    return {node: sorted(neighbours, key=str) for node, neighbours in graph.items()}


@validate(graph=_graph)
def adjacency_matrix(graph):
    r"""The adjacency matrix: ``A[i, j] = 1`` if there is an edge from node i to node j.

    Returns
    -------
    A : ndarray of shape (n_nodes, n_nodes)
    nodes : list
        The node of each row and column (the order of ``graph``'s keys).

    Examples
    --------
    >>> A, nodes = adjacency_matrix({"a": ["b"], "b": ["a", "c"], "c": ["b"]})
    >>> A.astype(int).tolist(), nodes
    ([[0, 1, 0], [1, 0, 1], [0, 1, 0]], ['a', 'b', 'c'])
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    A = np.zeros((len(nodes), len(nodes)))
    for node, neighbours in graph.items():
        for neighbour in neighbours:
            A[index[node], index[neighbour]] = 1.0
    return A, nodes


# --------------------------------------------------------------------------
# Traversal
# --------------------------------------------------------------------------


@validate(graph=_graph, start=_node, _=_start_in_graph)
def dfs(graph, start):
    r"""Depth-first search: the nodes reachable from ``start``, each branch followed to its end.

    The order is that of the recursive traversal (visit a node, then each
    unvisited neighbour in turn), but kept on an explicit stack so that deep
    graphs do not hit Python's recursion limit.

    Returns
    -------
    list
        The nodes in the order they are first visited (pre-order).

    Examples
    --------
    >>> tree = {1: [2, 3], 2: [4, 5], 3: [6], 4: [], 5: [], 6: []}
    >>> dfs(tree, 1)
    [1, 2, 4, 5, 3, 6]
    """
    order, visited, stack = [], set(), [start]
    while stack:
        node = stack.pop()
        if node in visited:
            continue
        visited.add(node)
        order.append(node)
        stack.extend(reversed([n for n in graph[node] if n not in visited]))
    return order


@validate(graph=_graph, start=_node, _=_start_in_graph)
def bfs(graph, start):
    r"""Breadth-first search: the nodes reachable from ``start``, nearest first.

    A first-in, first-out queue visits every node at distance 1, then 2, and so
    on; a node is marked visited when it is queued, so none is queued twice.

    Returns
    -------
    list
        The nodes in level order.

    Examples
    --------
    >>> tree = {1: [2, 3], 2: [4, 5], 3: [6], 4: [], 5: [], 6: []}
    >>> bfs(tree, 1)
    [1, 2, 3, 4, 5, 6]
    """
    order, visited, queue = [], {start}, deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for neighbour in graph[node]:
            if neighbour not in visited:
                visited.add(neighbour)
                queue.append(neighbour)
    return order


# --------------------------------------------------------------------------
# Tours
# --------------------------------------------------------------------------


def _distances(points):
    return np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=-1))


@validate(points=matrix, tour=_tour, _=_tour_visits_each_point_once)
def tour_length(points, tour):
    r"""The length of the closed tour visiting ``points`` in the order ``tour`` and returning.

    Examples
    --------
    >>> square = [[0, 0], [1, 0], [1, 1], [0, 1]]
    >>> tour_length(square, [0, 1, 2, 3]), round(tour_length(square, [0, 2, 1, 3]), 4)
    (4.0, 4.8284)
    """
    ordered = points[tour + tour[:1]]
    return float(np.sum(np.sqrt(np.sum(np.diff(ordered, axis=0) ** 2, axis=1))))


@validate(_a_tour_from_start, points=matrix, start=integer(minimum=0))
def nearest_neighbour_tour(points, start=0):
    r"""The greedy tour: from the current point, always go to the nearest unvisited one.

    The ML mathematics page's steps: start anywhere; take the shortest edge to
    an unvisited vertex; move there and mark it visited; stop when all are
    visited (and return to the start to close the tour).

    Returns
    -------
    list of int
        The order of the points, starting with ``start``.

    Examples
    --------
    >>> nearest_neighbour_tour([[0, 0], [3, 0], [1, 0], [2, 0]])
    [0, 2, 3, 1]
    """
    D = _distances(points)
    tour, unvisited = [start], set(range(len(points))) - {start}
    while unvisited:
        current = tour[-1]
        nearest = min(unvisited, key=lambda j: (D[current, j], j))
        tour.append(nearest)
        unvisited.remove(nearest)
    return tour


@validate(points=matrix, _=_two_or_more_points, __=_small_enough)
def optimal_tour(points):
    r"""The shortest closed tour, by trying all (n - 1)! orders that start at point 0.

    Returns
    -------
    list of int

    Examples
    --------
    >>> optimal_tour([[0, 0], [1, 1], [1, 0], [0, 1]])
    [0, 2, 1, 3]
    """
    D = _distances(points)
    rest = np.array(list(itertools.permutations(range(1, len(points)))), dtype=int)
    orders = np.hstack([np.zeros((len(rest), 1), dtype=int), rest])    # all start at 0
    closed = np.hstack([orders, orders[:, :1]])
    lengths = D[closed[:, :-1], closed[:, 1:]].sum(axis=1)
    return orders[np.argmin(lengths)].tolist()
