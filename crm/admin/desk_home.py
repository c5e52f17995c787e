"""The admin's front page is the recruiter's desk (crm.desk), under the Talentbase name."""

from django.contrib import admin

admin.site.site_header = "Talentbase"
admin.site.site_title = "Talentbase"
admin.site.index_title = "Your desk"
admin.site.index_template = "admin/desk_index.html"
