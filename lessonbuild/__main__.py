"""`python -m lessonbuild`: build the lesson, or benchmark it."""

from .command import main

raise SystemExit(main())
