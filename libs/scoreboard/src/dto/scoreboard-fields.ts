export { isDay, IsDay, IfPresent, IsCountryCode } from '#rally/core';
