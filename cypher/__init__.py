"""The Cypher the product runs or offers, as ``.cypher`` files (read with ``netforensics.cypher_files``)."""
