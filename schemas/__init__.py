"""The schemas newsarchive ships: the NewsML-G2 profile XSD and the JSON Schema of its JSON format."""
