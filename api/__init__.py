"""The REST plumbing every app's API shares: authentication by API key, throttles, scope permissions,
the error shape, pagination, base viewsets and the OpenAPI schema class. It depends on accounts
(API keys, roles) only, so talent and crm can both import it."""
