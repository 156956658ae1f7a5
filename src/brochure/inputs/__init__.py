"""Read the project: YAML with line numbers, --set overrides, the models that validate it, brands, layouts, regions."""
