"""Scene 9: the matrix-vector form a(1) = sigmoid(W a(0) + b). The weight matrix with real
entries (rows and columns abbreviated, indices w_{k,n}, bias vector ending in b_k), the real
activation vector, one row times the vector as one neuron's weighted sum, plus b, sigmoid on
each entry, the result equal to the diagram's first hidden layer; then every layer.

    manim -pql scenes/matrix.py MatrixForm
"""
import numpy as np
from manim import (DOWN, GREY_B, LEFT, RIGHT, UP, YELLOW, FadeIn, FadeOut, MathTex, SurroundingRectangle,
                   Tex, VGroup, Write)

from lesson import LessonScene, focus_neuron
from nn_mobjects import Neuron, bracket_matrix, integer, notation, number, pick


class MatrixForm(LessonScene):
    def construct(self):
        lesson = self.lesson
        spec, net = lesson.spec, lesson.net
        j = focus_neuron(lesson)
        step = lesson.trace.steps[0]
        W, b, a0 = net.weights[0], net.biases[0], step.a
        k_last, n_last = W.shape[0] - 1, W.shape[1] - 1
        rows = pick(W.shape[0], [0, 1, j, k_last])
        ink = [int(i) for i in np.argsort(-a0, kind="stable")[:2]]
        cols = pick(W.shape[1], [0, 1] + sorted(ink) + [n_last])

        self.next_section("the compact form")
        compact = notation(MathTex(r"a^{(1)} = \sigma\left(W a^{(0)} + b\right)", font_size=56))
        self.play(Write(compact))
        self.wait(1.5)
        self.play(compact.animate.scale(0.7).to_edge(UP, buff=0.25))

        self.next_section("symbols")
        sym = bracket_matrix([[notation(MathTex(f"w_{{{r if r != k_last else 'k'},{c if c != n_last else 'n'}}}", font_size=28))
                               if r is not None and c is not None else None for c in cols] for r in rows])
        sym_a = bracket_matrix([[notation(MathTex(f"a^{{(0)}}_{{{c if c != n_last else 'n'}}}", font_size=28))
                                 if c is not None else None] for c in cols])
        sym_b = bracket_matrix([[notation(MathTex(f"b_{{{r if r != k_last else 'k'}}}", font_size=28))
                                 if r is not None else None] for r in rows])
        sigma = notation(MathTex(r"\sigma\Bigg(", font_size=60))
        plus = MathTex("+", font_size=40)
        close = notation(MathTex(r"\Bigg)", font_size=60))
        symbolic = VGroup(sigma, sym, sym_a, plus, sym_b, close).arrange(buff=0.15).scale(0.9)
        self.play(FadeIn(symbolic))
        note = Tex("row $k$ holds the weights into neuron $k$; column $n$ the weights from input $n$",
                   font_size=28, color=GREY_B).to_edge(DOWN, buff=0.4)
        self.play(FadeIn(note))
        self.wait(2)

        self.next_section("real values")
        real_w = bracket_matrix([[number(W[r, c], "weight", 0, r, c, font_size=24) if r is not None and c is not None
                                  else None for c in cols] for r in rows])
        real_a = bracket_matrix([[number(a0[c], "pixel", spec, c, font_size=24) if c is not None else None] for c in cols])
        real_b = bracket_matrix([[number(b[r], "bias", 0, r, font_size=24) if r is not None else None] for r in rows])
        real = VGroup(sigma.copy(), real_w, real_a, plus.copy(), real_b, close.copy()).arrange(buff=0.15).scale(0.9)
        col_labels = VGroup(*[integer(c, "input_index", c, font_size=20, color=GREY_B).next_to(real_w.grid[i], UP, buff=0.12)
                              for i, c in enumerate(cols) if c is not None]).shift(UP * 0.05)
        row_labels = VGroup(*[integer(r, "neuron_index", r, font_size=20, color=GREY_B).next_to(real_w[0], LEFT, buff=0.1)
                              .match_y(real_w.grid[i * len(cols)]) for i, r in enumerate(rows) if r is not None])
        self.play(FadeOut(symbolic), FadeIn(real), FadeIn(col_labels), FadeIn(row_labels),
                  note.animate.become(Tex("real values; grey numbers are row (neuron) and column (pixel) indices",
                                          font_size=28, color=GREY_B).to_edge(DOWN, buff=0.4)))
        self.wait(2)

        self.next_section("one row times the vector")
        r_idx = rows.index(j)
        row_box = SurroundingRectangle(VGroup(*real_w.grid[r_idx * len(cols):(r_idx + 1) * len(cols)]), color=YELLOW, buff=0.06)
        vec_box = SurroundingRectangle(real_a.grid, color=YELLOW, buff=0.06)
        wsum = float(W[j] @ a0)
        line = VGroup(Tex("row", font_size=32), integer(j, "focus", spec, font_size=32), Tex(r"$\cdot$ vector $=$", font_size=32),
                      number(wsum, "wsum", spec, 1, j, font_size=34, color=YELLOW),
                      Tex(r", $+\,b$ $=$", font_size=32), number(float(step.z[j]), "z", spec, 1, j, font_size=34),
                      Tex(r", $\sigma$ $\to$", font_size=32), number(float(step.out[j]), "activation", spec, 1, j, font_size=34,
                                                                  color=YELLOW))
        line.arrange(buff=0.12).to_edge(DOWN, buff=0.4)
        same = Tex("the same weighted sum as in the weighted-sum scene, for the same neuron", font_size=26,
                   color=GREY_B).next_to(line, UP, buff=0.15)
        self.play(FadeIn(row_box), FadeIn(vec_box), FadeOut(note))
        self.play(FadeIn(line), FadeIn(same))
        self.wait(2.5)

        self.next_section("sigmoid on every entry")
        result = bracket_matrix([[number(step.out[r], "activation", spec, 1, r, font_size=24) if r is not None else None]
                                 for r in rows])
        eq = MathTex("=", font_size=40)
        column = VGroup(*[Neuron(step.out[r], radius=0.14, key=("activation", spec, 1, r)) if r is not None
                          else MathTex(r"\vdots", font_size=28) for r in rows])
        self.play(FadeOut(VGroup(line, same, row_box, vec_box, col_labels, row_labels)),
                  real.animate.scale(0.8).to_edge(LEFT, buff=0.3))
        eq.next_to(real, RIGHT, buff=0.2)
        result.next_to(eq, RIGHT, buff=0.2)
        for neuron, cell in zip(column, result.grid):
            neuron.move_to(cell).set_x(result.get_right()[0] + 0.6)
        label = Tex("the diagram's first hidden layer", font_size=26, color=GREY_B).next_to(column, DOWN, buff=0.2)
        label.align_to(result, LEFT)
        self.play(FadeIn(eq), FadeIn(result))
        self.play(FadeIn(column), FadeIn(label))
        self.wait(2.5)

        self.next_section("every layer")
        every = VGroup(*[notation(MathTex(rf"a^{{({l + 1})}} = \sigma\left(W^{{({l + 1})}} a^{{({l})}} + b^{{({l + 1})}}\right)",
                                          font_size=40)) for l in range(len(net.weights))])
        every.arrange(DOWN, buff=0.35).move_to(DOWN * 0.2)
        self.play(FadeOut(VGroup(real, eq, result, column, label)), FadeIn(every, lag_ratio=0.3), run_time=2)
        self.wait(3)
