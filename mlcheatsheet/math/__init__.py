"""Mathematics: calculus (numerical derivatives, gradients, integration rules, Euler's number),
linear algebra (products written out, broadcasting, norms, projections, Gram–Schmidt, the
power method), probability (distributions, Bayes' rule, MLE and MAP, the limit laws),
statistics (intervals, hypothesis tests, power, correlation, autocorrelation), information
theory (entropy, cross-entropy, KL and JS divergences, mutual information) and graphs
(adjacency lists, DFS and BFS, the nearest-neighbour tour)."""
