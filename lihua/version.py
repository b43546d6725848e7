"""lihua's version, in its own module so any part can name it without importing the library API."""

__version__ = "0.1.0"
