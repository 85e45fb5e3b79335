"""The README says what the code does: its scene table is the catalog, and its reuse example runs."""

import re
from pathlib import Path

from scenes.catalog import CHAPTERS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_scene_table_lists_the_catalog_in_order():
    section = README.split("## Scenes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `scenes/(\w+)\.py` \| `(\w+)` \|", section, flags=re.M)
    assert rows == [(c.file, c.scene) for c in CHAPTERS]


def test_reuse_example_builds_its_mobjects():
    block = README.split("### Mobjects for your own lessons", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(block, "README example", "exec"), namespace)  # defines MyScene
    scene_class = namespace["MyScene"]
    from manim import tempconfig

    with tempconfig({"dry_run": True, "progress_bar": "none", "verbosity": "WARNING"}):
        scene = scene_class()
        scene.render()
    assert len(scene.mobjects) == 4
    diagram = scene.mobjects[2]
    assert any(n.get_fill_opacity() > 0.5 for n in diagram.layers[0])  # inked pixels, not the black border
