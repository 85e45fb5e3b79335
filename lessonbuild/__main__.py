"""`python -m lessonbuild`: build the lesson, or benchmark it."""
from .cli import main

raise SystemExit(main())
