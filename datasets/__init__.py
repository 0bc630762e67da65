"""Data files shipped with clvkit; read them with the functions in clvkit.datasets."""
