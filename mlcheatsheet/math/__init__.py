"""Mathematics: calculus — numerical derivatives, gradients, integration rules and the
compound-interest limit that defines Euler's number."""
