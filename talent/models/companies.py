from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from talent.names import search_text


class Company(models.Model):
    class Kind(models.TextChoices):
        BIG_TECH = "big_tech", "Big tech"
        AI_STARTUP = "ai_startup", "AI startup"
        RESEARCH_LAB = "research_lab", "Research lab"
        UNIVERSITY = "university", "University"
        INVESTOR = "investor", "Investor"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, help_text="Canonical name, e.g. ByteDance.")
    native_name = models.CharField(max_length=200, blank=True, help_text="Name in its own script, e.g. 字节跳动.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. CN.")
    website = models.URLField(blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsidiaries",
        help_text="The group this company belongs to, e.g. Alibaba Cloud → Alibaba Group.",
    )
    # Every name and alias in folded form; refreshed by talent.services.companies.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="company_name_unique_ci",
                violation_error_message="A company with this name already exists.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="company_not_its_own_parent",
                violation_error_message="A company cannot be its own parent.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.native_name})" if self.native_name else self.name

    def compute_search_text(self, aliases: list[str] | None = None) -> str:
        if aliases is None:
            aliases = [a.name for a in self.aliases.all()] if self.pk else []
        return search_text(self.name, self.native_name, *aliases)


class CompanyAlias(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="Another name: 字节, 头条, ByteDance Ltd.")

    class Meta:
        verbose_name_plural = "company aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="company_alias_unique_ci",
                violation_error_message="This alias already belongs to a company.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
