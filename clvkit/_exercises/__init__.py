"""Exercise definitions for the course, one module per notebook (nbNN.py for notebook NN); see clvkit.teach."""
