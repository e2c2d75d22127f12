"""make run's clean-up of stored outputs gives the same bytes every run."""

import uuid

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from stable_outputs import STATE, VIEW, rename_widgets


def notebook_with_a_widget():
    box, slider, layout = (uuid.uuid4().hex for _ in range(3))
    book = new_notebook()
    book.cells.append(new_code_cell("box", id="show-box"))
    book.cells[0].outputs.append(
        new_output(
            "display_data",
            data={VIEW: {"model_id": box}, "text/plain": "a box"},
        )
    )
    model = {"model_name": "VBoxModel", "state": {}}
    book.metadata["widgets"] = {
        STATE: {
            "state": {
                layout: {"model_name": "LayoutModel", "state": {}},
                slider: {
                    "model_name": "FloatSliderModel",
                    "state": {"layout": f"IPY_MODEL_{layout}"},
                },
                box: model | {"state": {"children": [f"IPY_MODEL_{slider}"]}},
            }
        }
    }
    return book


def test_widget_ids_are_the_same_every_run():
    first = nbformat.writes(rename_widgets(notebook_with_a_widget()))
    second = nbformat.writes(rename_widgets(notebook_with_a_widget()))
    assert first == second
    book = nbformat.reads(first, as_version=4)
    state = book.metadata["widgets"][STATE]["state"]
    box = book.cells[0].outputs[0].data[VIEW]["model_id"]
    assert box == f"{1:032x}"
    slider = state[box]["state"]["children"][0].removeprefix("IPY_MODEL_")
    assert state[slider]["model_name"] == "FloatSliderModel"
    layout = state[slider]["state"]["layout"].removeprefix("IPY_MODEL_")
    assert state[layout]["model_name"] == "LayoutModel"
