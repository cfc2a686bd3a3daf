"""The app's routes, one module per concern; each ``router(service)`` returns an ``APIRouter``."""
