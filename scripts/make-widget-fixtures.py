#!/usr/bin/env python3
"""Writes test/fixtures/widgets/widgets.ipynb: a notebook saved with widget state.

Provenance: executing a notebook (nbclient) keeps the widget-view outputs but no model state,
and Debian ships ipywidgets 6, whose models (module "jupyter-js-widgets") no current widget
manager reads. So this script writes what JupyterLab's "Save widget state" writes for the same
cells under ipywidgets 8: `metadata.widgets["application/vnd.jupyter.widget-state+json"]`
(version 2.0, @jupyter-widgets/schema v2) holding each model's non-default state (JupyterLab
saves with drop_defaults), and per displayed widget a display_data output with
`application/vnd.jupyter.widget-view+json` {version_major, version_minor, model_id} beside the
widget's `text/plain` repr. Model names, modules and versions are ipywidgets 8's
(@jupyter-widgets/controls 2.0.0, @jupyter-widgets/base 2.0.0). Model ids are fixed (uuid4 hex
in real notebooks) so the fixture is stable. Run: python3 scripts/make-widget-fixtures.py
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'test/fixtures/widgets/widgets.ipynb')

CONTROLS = ('@jupyter-widgets/controls', '2.0.0')
BASE = ('@jupyter-widgets/base', '2.0.0')


def model_id(n):
    return f'{n:032x}'


state = {}


def model(n, name, module, view, view_module, **values):
    mid = model_id(n)
    body = {
        '_model_module': module[0], '_model_module_version': module[1], '_model_name': name,
        '_view_module': view_module[0], '_view_module_version': view_module[1], '_view_name': view,
        **values,
    }
    state[mid] = {'model_name': name, 'model_module': module[0], 'model_module_version': module[1], 'state': body}
    return mid


def layout(n):
    return model(n, 'LayoutModel', BASE, 'LayoutView', BASE)


def ref(mid):
    return f'IPY_MODEL_{mid}'


def view_output(mid, text):
    return {
        'output_type': 'display_data',
        'metadata': {},
        'data': {
            'application/vnd.jupyter.widget-view+json': {'version_major': 2, 'version_minor': 0, 'model_id': mid},
            'text/plain': text,
        },
    }


def code(n, source, outputs):
    return {'cell_type': 'code', 'id': f'cell-{n}', 'execution_count': n, 'metadata': {}, 'source': source, 'outputs': outputs}


slider_style = model(0x10, 'SliderStyleModel', CONTROLS, 'StyleView', BASE, description_width='')
slider = model(0x11, 'IntSliderModel', CONTROLS, 'IntSliderView', CONTROLS,
               layout=ref(layout(0x12)), style=ref(slider_style), description='n', max=10, value=7)
html_style = model(0x20, 'HTMLStyleModel', CONTROLS, 'StyleView', BASE)
html = model(0x21, 'HTMLModel', CONTROLS, 'HTMLView', CONTROLS,
             layout=ref(layout(0x22)), style=ref(html_style), value='<b>Saved</b> widget <i>state</i>')
button_style = model(0x30, 'ButtonStyleModel', CONTROLS, 'StyleView', BASE)
button = model(0x31, 'ButtonModel', CONTROLS, 'ButtonView', CONTROLS,
               layout=ref(layout(0x32)), style=ref(button_style), description='Press me', tooltip='a button')
label_style = model(0x33, 'LabelStyleModel', CONTROLS, 'StyleView', BASE)
label = model(0x34, 'LabelModel', CONTROLS, 'LabelView', CONTROLS,
              layout=ref(layout(0x35)), style=ref(label_style), value='Label text')
box = model(0x36, 'VBoxModel', CONTROLS, 'VBoxView', CONTROLS,
            layout=ref(layout(0x37)), children=[ref(button), ref(label)])

cells = [
    {'cell_type': 'markdown', 'id': 'intro', 'metadata': {}, 'source': '# Widgets\n\nA notebook saved with its widget state.'},
    code(1, 'import ipywidgets as w\nw.IntSlider(value=7, max=10, description="n")',
         [view_output(slider, "IntSlider(value=7, description='n', max=10)")]),
    code(2, 'w.HTML("<b>Saved</b> widget <i>state</i>")',
         [view_output(html, "HTML(value='<b>Saved</b> widget <i>state</i>')")]),
    code(3, 'w.VBox([w.Button(description="Press me", tooltip="a button"), w.Label("Label text")])',
         [view_output(box, "VBox(children=(Button(description='Press me', style=ButtonStyle(), tooltip='a button'), Label(value='Label text')))")]),
    # A widget displayed after the state was saved (or cleared): its view has no model in the state.
    code(4, 'w.FloatSlider(value=0.5)', [view_output(model_id(0x99), 'FloatSlider(value=0.5)')]),
]

nb = {
    'nbformat': 4,
    'nbformat_minor': 5,
    'metadata': {
        'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'},
        'language_info': {'name': 'python'},
        'widgets': {'application/vnd.jupyter.widget-state+json': {'version_major': 2, 'version_minor': 0, 'state': state}},
    },
    'cells': cells,
}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, 'w', encoding='utf-8') as f:
    json.dump(nb, f, indent=1, sort_keys=True)
    f.write('\n')
print(f'wrote {OUT}')
