#!/usr/bin/python3
"""Writes test/fixtures/render/plotly.ipynb: Plotly figures made by plotly.py in a real
kernel (Debian's python3-plotly, python3-nbclient, python3-ipykernel), so their outputs carry
`application/vnd.plotly.v1+json` as Jupyter writes it. One figure is hostile: HTML and
`javascript:` links in its title, hover text, legend and annotations.

    /usr/bin/python3 scripts/make-plotly-fixtures.py
"""
import os
import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell as md, new_code_cell as code
from nbclient import NotebookClient

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "render", "plotly.ipynb")

CELLS = [
    md("# Plotly charts\n\nFigures drawn with plotly.py."),
    code("import plotly.graph_objects as go\nimport plotly.io as pio\npio.renderers.default = 'plotly_mimetype'"),
    code("fig = go.Figure(go.Scatter(x=[1, 2, 3, 4, 5], y=[3, 1, 4, 1, 5], mode='lines+markers', name='growth'))\n"
         "fig.update_layout(title='Growth by year', width=600, height=400)\nfig.show()"),
    code("go.Figure(go.Bar(x=['apples', 'pears', 'plums'], y=[5, 3, 8]), layout={'title': {'text': 'Fruit sold'}})"),
    md("A hostile figure follows: its text must never run script."),
    code("hostile = '<img src=x onerror=\"window.__bpOwned=1\">'\n"
         "link = '<a href=\"javascript:window.__bpOwned=2\">click me</a>'\n"
         "fig = go.Figure(go.Scatter(x=[1, 2], y=[2, 1], name=hostile + link, text=[hostile, link],\n"
         "                           hovertemplate='%{text}' + hostile + '<extra>' + link + '</extra>'))\n"
         "fig.update_layout(title={'text': 'Hostile ' + hostile + link + '</script><script>window.__bpOwned=3</script><!--'},\n"
         "                  annotations=[{'x': 1.5, 'y': 1.5, 'text': link + hostile, 'showarrow': False}],\n"
         "                  xaxis={'title': {'text': link}}, width=500, height=350)\nfig.show()"),
]


def main():
    nb = new_notebook(cells=CELLS)
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}, "language_info": {"name": "python"}})
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:02d}"
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    nbformat.write(nb, OUT)


if __name__ == "__main__":
    main()
