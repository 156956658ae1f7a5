"""Draw one target: styles and page geometry, content blocks, the layout engines, PDF bytes."""
