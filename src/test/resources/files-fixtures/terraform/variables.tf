variable "postgres_version" {
  description = "PostgreSQL, pinned"
  type        = string
  default     = "16.1"
}
