"""Resources: the 2017 cheatsheet's lists of data sets, libraries, deep-learning papers, blogs,
books, courses, podcasts and linear-algebra tutorials, as data files with a loader and a table."""
