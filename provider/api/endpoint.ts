/** The production endpoint of the Managed Cloud Agents API. */
export const DEFAULT_API_URL = "https://api.qoder.com/api/v1/cloud";
