"""kh121: theo dõi thực hiện kế hoạch cấp tỉnh trên tệp văn bản thuần."""

__version__ = "0.1.0"
