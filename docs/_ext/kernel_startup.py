# Run by every Jupyter kernel that executes a page (conf.py points PYTHONSTARTUP here):
# the site's figure style and figure rules, docs/_ext/figure_style.py.
def _mlcheatsheet_figures():
    import os
    import sys

    here = os.path.dirname(os.environ["PYTHONSTARTUP"])
    sys.path.insert(0, here)
    try:
        import figure_style
    finally:
        sys.path.remove(here)
    figure_style.install_kernel()


_mlcheatsheet_figures()
del _mlcheatsheet_figures
