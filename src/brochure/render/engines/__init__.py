"""The layout engines: a flowing booklet, and fixed pages (flyer, tri-fold) fitted to their panels."""
