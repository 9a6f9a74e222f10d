/**
 * @module server/answer/llm
 * The LLM steps the answerer calls, behind one module it imports on demand: LangChain's client and prompt
 * classes take ~0.35 s to load, which an offline server (the default) never needs.
 */
export { condenseQuestion } from './condense.js';
export { writeLlmAnswer } from './write.js';
