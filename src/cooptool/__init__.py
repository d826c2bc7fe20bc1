"""cooptool: news articles in, a queryable JSON Lines fact base out."""

__version__ = "0.1.0"
