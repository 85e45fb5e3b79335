# Sourced by render.sh and test.sh: installs whatever is missing, quickly when nothing is.
#   system packages (apt on Debian/Ubuntu; on macOS prints the Homebrew line), a virtualenv
#   in .venv, and this project in editable mode with its dev extras.
#   The offline voices (extra "voice", ~210 MB) only when asked: NN_VOICE=on, NN_SETUP_VOICE=1
#   (test.sh) or `bash scripts/setup.sh --voice`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${NN_VENV:-$ROOT/.venv}"
APT_PACKAGES=(
  python3-venv python3-dev build-essential pkg-config
  libcairo2-dev libpango1.0-dev           # manim's cairo renderer and ManimPango (built from source)
  texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm   # MathTex / Tex
  fonts-noto-cjk fonts-dejavu-core        # captions in Chinese and Russian
)
# Only the test command needs a browser (page tests drive Debian's chromium through Playwright).
if [[ "${NN_SETUP_BROWSER:-0}" == 1 ]]; then APT_PACKAGES+=(chromium); fi
# ... and Node.js, which runs the widget's network core (web/nn.js) without a page.
if [[ "${NN_SETUP_BROWSER:-0}" == 1 ]] && ! command -v node >/dev/null; then APT_PACKAGES+=(nodejs); fi
EXTRAS=dev
if [[ "${NN_VOICE:-}" == on || "${NN_SETUP_VOICE:-0}" == 1 || " $* " == *" --voice "* ]]; then EXTRAS=dev,voice; fi
say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

install_system() {
  if [[ "$(uname)" == Darwin ]]; then
    for cmd in pkg-config latex dvisvgm; do
      command -v "$cmd" >/dev/null || {
        say "missing $cmd. Run: brew install py3cairo pango pkg-config && brew install --cask mactex-no-gui"; exit 1; }
    done
    return
  fi
  if ! command -v apt-get >/dev/null; then
    say "not Debian/Ubuntu: install cairo, pango, pkg-config, a LaTeX with standalone+amsmath, and dvisvgm yourself"
    return
  fi
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # A Python from pyenv or similar brings venv itself; Debian's python3-venv is only for Debian's python3.
  if python3 -c 'import venv, ensurepip' 2>/dev/null; then
    missing=("${missing[@]/python3-venv}")
  fi
  local todo=()
  for p in "${missing[@]}"; do [[ -n "$p" ]] && todo+=("$p"); done
  (( ${#todo[@]} )) || return 0
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  say "installing system packages: ${todo[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${todo[@]}" >/dev/null
}

install_python() {
  if [[ ! -x "$VENV/bin/python" ]]; then
    say "creating virtualenv $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.nn-lesson-installed" want
  want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1) $ROOT [$EXTRAS]"
  local have=""; [[ -f "$stamp" ]] && have="$(cat "$stamp")"
  # Installed with the voices is good enough for a run that does not ask for them.
  if [[ "$have" != "$want" && "$have" != "${want% \[dev\]} [dev,voice]" ]]; then
    say "installing the project and its dependencies into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$ROOT[$EXTRAS]"
    echo "$want" > "$stamp"
  fi
}

install_system
install_python
export PATH="$VENV/bin:$PATH"
# The MNIST copy beside the project (as on the developers' machines and CI), unless told otherwise.
if [[ -z "${MNIST_DIR:-}" && -d "$ROOT/../shared/mnist" ]]; then
  export MNIST_DIR="$(cd "$ROOT/../shared/mnist" && pwd)"
fi
cd "$ROOT"
