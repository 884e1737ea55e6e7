"""Placeholder router (issue 7)."""

import fastapi

router = fastapi.APIRouter()
