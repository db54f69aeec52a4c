"""Mathematics: calculus (numerical derivatives, gradients, integration rules, Euler's number)
and linear algebra (products written out, broadcasting, norms, projections, Gram–Schmidt,
the power method)."""
