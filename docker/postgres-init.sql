-- One database per service: no service reads another's tables.
CREATE DATABASE credentials;
CREATE DATABASE provisioning;
CREATE DATABASE directory_sync;
CREATE DATABASE auth_gateway;
CREATE DATABASE admin_api;
