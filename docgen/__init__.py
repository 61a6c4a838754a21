"""docgen: 财政项目支出绩效自评表 — load, score, audit and publish performance self-evaluations."""

__version__ = "0.1.0"
