"""The plugin's own figure frames, drawn in code and saved as the bundled ``templates/*.qpt``.

One frame per page kind (map, atlas, table), paper (A3, A4) and orientation, in the manner of Chinese
territorial-space plan figures: a double border (图框), the plan name over the figure title, the map with a
graticule or kilometre grid annotated outside its neatline, a north arrow, and a side panel (landscape) or a
bottom panel (portrait) holding the legend (图例), the scale (比例尺, bar and numeric), the notes (coordinate
system, data source, 示意) and a title block with 编制单位 and 编制日期. Every item the export fills has an id
(``pingcheng_plugin/core/figures/templates.py``); everything else is decoration a user may restyle in the layout
designer.

Regenerate the bundled templates after changing it: ``make templates``; ``tests/test_templates.py`` checks the
committed templates against what it draws.
"""
