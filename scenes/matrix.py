"""Scene 9: the matrix-vector form a(1) = sigmoid(W a(0) + b). The weight matrix with real
entries (rows and columns abbreviated, indices w_{k,n}, bias vector ending in b_k), the real
activation vector, one row times the vector as one neuron's weighted sum, plus b, sigmoid on
each entry, the result equal to the diagram's first hidden layer; then every layer.

    manim -pql scenes/matrix.py MatrixForm
"""

from manim import (
    DOWN,
    LEFT,
    UP,
    FadeIn,
    FadeOut,
    MathTex,
    ReplacementTransform,
    SurroundingRectangle,
    Tex,
    VGroup,
    Write,
)

from lessonkit import style
from lessonkit.mobjects import (
    Math,
    Neuron,
    Sentence,
    Styled,
    keep_in_frame,
    matrix,
    notation,
    number,
    pick,
    sized_parens,
)
from lessonkit.motion import in_turn
from lessonkit.scene import LessonScene
from lessonkit.values import (
    Activation,
    Bias,
    FocusNeuron,
    Index,
    Pixel,
    PreActivation,
    Size,
    Weight,
    WeightedSum,
    inked_run,
)


class MatrixForm(LessonScene):
    def construct(self):
        lesson = self.lesson
        j = lesson.focus
        n_out, n_in = lesson.value(Size(1)), lesson.value(Size(0))
        k_last, n_last = n_out - 1, n_in - 1
        rows = pick(n_out, [0, 1, j, k_last])
        cols = pick(n_in, [0, 1, n_last])
        # The real matrix shows a run of inked pixels (a border pixel is always black, and its
        # weights stay near zero): neighbours along one row of the digit, each with its index.
        inked = pick(n_in, inked_run(lesson))

        self.next_section("the compact form")
        compact = notation(MathTex(r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=56))
        self.narrate("compact", Write(compact))
        self.narrate("read", compact.animate.scale(0.7).to_edge(UP, buff=0.3))

        def sym(tex):
            return notation(MathTex(tex, font_size=28))

        # Symbols name positions, not the model's indices: rows 0, 1, j (the focus neuron), k (the
        # last); columns 0, 1, n (the last). The real indices are shown next, as Index labels
        # beside the real values.
        row_name = {r: "k" if r == k_last else "j" if r == j and r > 1 else str(r) for r in rows if r is not None}
        col_name = {c: "n" if c == n_last else str(c) for c in cols if c is not None}

        self.next_section("symbols")
        sym_w = matrix(
            [
                [sym(f"w_{{{row_name[r]},{col_name[c]}}}") if r is not None and c is not None else None for c in cols]
                for r in rows
            ]
        )
        sym_a = matrix([[sym(f"a^{{(0)}}_{{{col_name[c]}}}") if c is not None else None] for c in cols])
        sym_b = matrix([[sym(f"b_{{{row_name[r]}}}") if r is not None else None] for r in rows])
        # sigma( ) as tall as what it wraps, sized by TeX (\left( \right)).
        sigma, close = sized_parens(max(m.height for m in (sym_w, sym_a, sym_b)) + 0.05, r"\sigma")
        plus = MathTex("+", font_size=40)
        symbolic = VGroup(sigma, sym_w, sym_a, plus, sym_b, close).arrange(buff=0.15)
        symbolic.scale_to_fit_width(min(symbolic.width, 13)).shift(DOWN * 0.2)
        self.narrate("parts", FadeIn(symbolic))
        note = Tex(
            "row $k$ holds the weights into neuron $k$; column $n$ the weights from input $n$",
            font_size=style.NOTE,
            color=style.MUTED,
        ).to_edge(DOWN, buff=0.4)
        self.narrate("rows", FadeIn(note))

        self.next_section("real values")
        real_w = matrix(
            [
                [number(Weight(1, r, c), font_size=24) if r is not None and c is not None else None for c in inked]
                for r in rows
            ]
        )
        real_a = matrix([[number(Pixel(c), font_size=24) if c is not None else None] for c in inked])
        real_b = matrix([[number(Bias(1, r), font_size=24) if r is not None else None] for r in rows])
        real = VGroup(
            *sized_parens(max(m.height for m in (real_w, real_a, real_b)) + 0.05, r"\sigma"),
            real_w,
            real_a,
            plus.copy(),
            real_b,
        )
        real = VGroup(real[0], *real[2:], real[1]).arrange(buff=0.15)  # sigma( W a + b )
        real[0].shift(LEFT * 0.5)  # room for the row (neuron) indices
        real.scale_to_fit_width(min(real.width, 12.4)).shift(DOWN * 0.2)
        entries = real_w.get_columns()
        col_labels = VGroup(
            *[
                number(Index(c, "pixel"), font_size=style.INDEX, color=style.MUTED)
                .next_to(entries[k], UP, buff=0.3)
                .set_y(real_w.get_top()[1] + 0.25)
                for k, c in enumerate(inked)
                if c is not None
            ]
        )
        w_rows = real_w.get_rows()
        row_labels = VGroup(
            *[
                number(Index(r, "neuron"), font_size=style.INDEX, color=style.MUTED)
                .next_to(real_w, LEFT, buff=0.18)
                .match_y(w_rows[k])
                for k, r in enumerate(rows)
                if r is not None
            ]
        )
        self.narrate(
            "real",
            FadeOut(symbolic),
            FadeIn(real),
            FadeIn(col_labels),
            FadeIn(row_labels),
            note.animate.become(
                Tex(
                    "real values; grey numbers are row (neuron) and column (pixel) indices",
                    font_size=style.NOTE,
                    color=style.MUTED,
                ).to_edge(DOWN, buff=0.4)
            ),
        )
        self.narrate("size", during=in_turn(row_labels, col_labels))

        self.next_section("one row times the vector")
        row_box = SurroundingRectangle(w_rows[rows.index(j)], color=style.HIGHLIGHT, buff=0.06)
        vec_box = SurroundingRectangle(real_a.get_entries(), color=style.HIGHLIGHT, buff=0.06)
        # sum + (bias) = total, each the model's own value; a negative bias in parentheses.
        bias = [Math("+ ("), Bias(1, j), Math(")")] if lesson.value(Bias(1, j)) < 0 else [Math("+"), Bias(1, j)]
        line = Sentence(
            "row",
            FocusNeuron(),
            Math(r"\cdot \text{ vector} ="),
            Styled(WeightedSum(1, j), style.HIGHLIGHT),
            Math(r",\quad"),
            WeightedSum(1, j),
            *bias,
            Math("=" if lesson.adds_up([WeightedSum(1, j), Bias(1, j)], PreActivation(1, j)) else r"\approx"),
            PreActivation(1, j),
            Math(r",\quad \sigma \to"),
            Styled(Activation(1, j), style.HIGHLIGHT),
            font_size=32,
        )
        line.to_edge(DOWN, buff=0.4)
        same = Tex("the same weighted sum as before, for the same neuron", font_size=26, color=style.MUTED).next_to(
            line, UP, buff=0.15
        )
        self.narrate("row", FadeIn(row_box), FadeIn(vec_box), FadeOut(note))
        self.narrate("same", FadeIn(line), FadeIn(same))

        self.next_section("sigmoid on every entry")
        # W a + b is one vector of weighted sums; sigmoid squishes each entry.
        z_vec = matrix([[number(PreActivation(1, r), font_size=26) if r is not None else None] for r in rows])
        result = matrix([[number(Activation(1, r), font_size=26) if r is not None else None] for r in rows])
        (sig, close2), eq = sized_parens(z_vec.height + 0.05, r"\sigma"), MathTex("=", font_size=48)
        column = VGroup(
            *[
                Neuron(Activation(1, r), radius=0.16) if r is not None else MathTex(r"\vdots", font_size=28)
                for r in rows
            ]
        )
        squished = VGroup(sig, z_vec, close2, eq, result).arrange(buff=0.2).shift(LEFT * 0.6 + DOWN * 0.2)
        for neuron, cell in zip(column, result.get_entries()):
            neuron.move_to(cell).set_x(result.get_right()[0] + 0.7)
        z_label = notation(MathTex(r"W a^{(0)} + b", font_size=32, color=style.MUTED)).next_to(z_vec, UP, buff=0.2)
        label = Tex(r"the diagram's\\first hidden layer", font_size=26, color=style.MUTED)
        keep_in_frame(label.next_to(column, DOWN, buff=0.25))
        self.play(FadeOut(VGroup(line, same, row_box, vec_box, col_labels, row_labels)))
        self.play(
            ReplacementTransform(VGroup(*real[1:5]), z_vec),
            ReplacementTransform(real[0], sig),
            ReplacementTransform(real[5], close2),
            FadeIn(z_label),
            run_time=1.5,
        )
        self.narrate("all", FadeIn(eq), FadeIn(result))
        self.narrate("layer", FadeIn(column), FadeIn(label))

        self.next_section("every layer")
        every = VGroup(
            *[
                notation(
                    MathTex(
                        rf"a^{{({l})}} = \sigma\left(W^{{({l})}} a^{{({l - 1})}} + b^{{({l})}}\right)",
                        font_size=style.HEADING,
                    )
                )
                for l in range(1, lesson.layers + 1)
            ]
        )
        every.arrange(DOWN, buff=0.35).move_to(DOWN * 0.2)
        self.narrate(
            "layers", FadeOut(VGroup(squished, z_label, column, label)), FadeIn(every, lag_ratio=0.3), run_time=2
        )
        self.narrate("why", during=in_turn(*every))
