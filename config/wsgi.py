import os

from django.core.wsgi import get_wsgi_application

from config.celery import runtime_prepare

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
runtime_prepare()
application = get_wsgi_application()
