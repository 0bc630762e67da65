"""Exercise definitions for the course, one module per notebook (nb00 ... nb11); see clvkit.teach."""
