"""Every scene of the lesson, in teaching order: (file in scenes/, Scene class). Bench and tests
read this list, so a new scene is benchmarked and must be tested as soon as it is listed."""
SCENES = [
    ("title", "TitleCard"),
    ("intro", "ThisIsAThree"),
    ("neurons", "Neurons"),
    ("layers", "Layers"),
    ("forward", "ForwardPass"),
    ("why_layers", "WhyLayers"),
    ("weighted_sum", "WeightedSum"),
    ("sigmoid", "SigmoidAndBias"),
    ("counting", "Counting"),
    ("matrix", "MatrixForm"),
    ("functions", "NetworkAsFunction"),
    ("relu", "ReluVsSigmoid"),
    ("recap", "Recap"),
]
