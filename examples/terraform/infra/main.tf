# A configuration that needs no cloud account: it writes a file next to itself.
terraform {
  required_version = ">= 1.4"
  required_providers {
    local = {
      source  = "hashicorp/local"
      version = "~> 2.4"
    }
  }
}

variable "motd" {
  type        = string
  description = "The message of the day"
}

resource "local_file" "motd" {
  filename        = "${path.module}/out/${terraform.workspace}/motd"
  content         = "${var.motd}\n"
  file_permission = "0644"
}

resource "terraform_data" "release" {
  input = sha256(var.motd)
}

output "motd_path" {
  value = local_file.motd.filename
}

output "release" {
  value = terraform_data.release.output
}
