// The list belongs to the recommendation catalogue (libs/recommendations); targets answer for its areas.
export { STUDY_FOCUS_AREAS } from '#rally/recommendations';
export type { StudyFocusArea } from '#rally/recommendations';
