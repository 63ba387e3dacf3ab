"""``fazhi-kg site DIR``: the store as a static linked-data site, one page per document, task,
unit, area and theme, each with its RDF beside it, readable from ``file://`` without Python.

:mod:`~kg.site.collect` reads the store once (the read model of :mod:`kg.views.readmodel`, plus
the text spans, notes and section titles the pages highlight); :mod:`~kg.site.urls` turns IRIs
into paths; one module per kind of page writes its HTML; :mod:`~kg.site.rdfout` the RDF beside
each page and the DCAT/VoID catalogue; :mod:`~kg.site.build` writes the whole site into a
temporary folder beside the target and swaps it in; :mod:`~kg.site.files` answers requests for
it in ``fazhi-kg serve --site``.
"""
