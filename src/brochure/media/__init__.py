"""What the page is made of: font files, images, colour contrast, units of length."""
