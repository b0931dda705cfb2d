export { isDay, IsDay, IfPresent } from '#rally/core';
