export interface TeamDto {
  slug: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTeamRequest {
  slug: string;
  name: string;
}

export interface UpdateTeamRequest {
  name?: string;
}

/** DNS-1123 label: lowercase alphanumerics and '-', 1..63 chars, alphanumeric at both ends. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
