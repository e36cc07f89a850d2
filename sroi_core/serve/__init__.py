"""``sroi serve``: the standard's operations as an HTTP JSON API (docs/http-api.md).

The modules are split so that only :mod:`sroi_core.serve.app` needs the web framework
(the optional extra ``sroi-core[serve]``): :mod:`~sroi_core.serve.api_models` holds the
request and response models, :mod:`~sroi_core.serve.operations` answers requests with the
same library functions the command line uses, and :mod:`~sroi_core.serve.openapi` writes
the OpenAPI 3.1 description from the models.
"""
