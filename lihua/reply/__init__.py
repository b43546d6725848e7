"""The pen pal's reply and the model letters, written from Jinja2 templates kept beside this code."""
