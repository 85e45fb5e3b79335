#!/usr/bin/env bash
# Install what is missing, render a scene (default: the title card at low quality), print the video path.
#   bash scripts/render.sh                               # default scene
#   bash scripts/render.sh scenes/forward.py ForwardPass -qh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
FILE="${1:-scenes/title.py}"; SCENE="${2:-TitleCard}"
shift $(( $# > 2 ? 2 : $# ))
QUALITY=("$@"); (( ${#QUALITY[@]} )) || QUALITY=(-ql)
MARK="$(mktemp)"; trap 'rm -f "$MARK"' EXIT
python -m manim render --progress_bar none "${QUALITY[@]}" "$FILE" "$SCENE" >&2
OUT="$(find media/videos/"$(basename "$FILE" .py)" -name "$SCENE.mp4" -newer "$MARK" 2>/dev/null | head -1)"
[[ -n "$OUT" ]] || { echo "render.sh: manim wrote no $SCENE.mp4" >&2; exit 1; }
realpath "$OUT"
