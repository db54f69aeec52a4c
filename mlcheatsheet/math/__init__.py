"""Mathematics: calculus (numerical derivatives, gradients, integration rules, Euler's number),
linear algebra (products written out, broadcasting, norms, projections, Gram–Schmidt, the
power method) and information theory (entropy, cross-entropy, KL and JS divergences, mutual
information)."""
