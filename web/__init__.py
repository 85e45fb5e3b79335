"""The lesson page and the Try-it widget: static HTML, CSS and JavaScript, no CDN. Data only;
copied into a built lesson by `lessonbuild.page` and `network.export`."""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
