"""planwatch: monitor the annual economic and social development plan (国民经济和社会发展计划)."""

__version__ = "0.1.0"
