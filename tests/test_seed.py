"""helpers.seed reproduces what the seed notebook printed, digit for digit."""

import numpy as np

from helpers import seed


def test_nn_reproduces_the_seeds_printed_output(seed_example):
    out = seed.nn(seed_example["inp"], seed_example["weight"], seed_example["bias"])
    assert out.shape == (2, 1)
    assert repr(out) in seed.seed_notebook_text()
    assert repr(out) == "array([[{}],\n       [{}]])".format(*seed.printed_nn_output())


def test_train_returns_exactly_the_losses_the_seed_printed(seed_example, capsys):
    e = seed_example
    losses, weight, bias = seed.train(e["inp"], e["weight"], e["bias"], e["epochs"], e["step"], e["original_out"])
    printed = seed.printed_losses()
    assert len(printed) == 34
    # The seed's stored output stops in the middle of its 34th number.
    assert [str(loss) for loss in losses[:33]] == printed[:33]
    assert str(losses[33]).startswith(printed[33])
    assert len(losses) == e["epochs"]
    # What train prints is what it returns.
    shown = [line.removeprefix("Loss ---> ") for line in capsys.readouterr().out.splitlines()]
    assert shown == [str(loss) for loss in losses]


def test_train_moves_every_parameter_by_the_same_amount(seed_example):
    e = seed_example
    _, weight, bias = seed.train(e["inp"], e["weight"], e["bias"], 10, e["step"], e["original_out"], verbose=False)
    moved = np.concatenate([(weight - e["weight"]).ravel(), bias - e["bias"]])
    assert np.allclose(moved, moved[0])


def test_cost_func_broadcasts_a_column_against_a_row(seed_example):
    e = seed_example
    pred = seed.nn(e["inp"], e["weight"], e["bias"])
    target = np.array(e["original_out"])
    assert (target - pred).shape == (2, 2)
    assert seed.cost_func(e["original_out"], pred) == np.sum((target - pred) ** 2)
    assert seed.cost_func(e["original_out"], pred) != np.sum((target - pred.ravel()) ** 2)
