/** Names the corpus generator draws from: authors, organizations and arXiv categories, most common first. */

/** Given names; drawn Zipf, so a few are very common, as in real author lists. */
export const GIVEN_NAMES: readonly string[] = (
  'Wei Yu Jun Yang Xin Hao Li Chen Jie Ming Yan Lei Bo Jing Tao Peng Qi Xiao Yi Hui Zhe Kai Rui Ying ' +
  'David Michael John Daniel Sarah Anna Maria James Thomas Robert Laura Emily Alex Sergey Ivan Elena Olga ' +
  'Yann Yoshua Geoffrey Fei Percy Christopher Pieter Sergey Chelsea Oriol Ilya Andrej Aditya Rohan Priya ' +
  'Hyun Min Seung Ji Takashi Yuki Kenji Hiroshi Lucas Mateo Sofia Camila Omar Fatima Ahmed Noah Liam Emma'
).split(' ');

/** Family names; the made-up ones the generator adds make the long tail. */
export const FAMILY_NAMES: readonly string[] = (
  'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song ' +
  'Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren ' +
  'Smith Johnson Brown Garcia Miller Davis Martinez Lopez Wilson Anderson Taylor Moore Jackson Lee Kim Park ' +
  'Choi Nguyen Tran Singh Kumar Sharma Gupta Patel Tanaka Suzuki Sato Watanabe Ivanov Petrov Muller Schmidt ' +
  'Schneider Fischer Weber Rossi Russo Dubois Martin Bernard LeCun Bengio Hinton Liang Finn Levine Abbeel'
).split(' ');

/** Organizations as Hugging Face shows them, most active first. */
export const ORGANIZATIONS: readonly string[] = [
  'NVIDIA',
  'Google DeepMind',
  'Meta AI',
  'Microsoft Research',
  'Alibaba Qwen',
  'ByteDance Seed',
  'Shanghai AI Laboratory',
  'Tsinghua University',
  'Hugging Face',
  'Stanford University',
  'Apple',
  'Tencent Hunyuan',
  'DeepSeek',
  'Allen Institute for AI',
  'Carnegie Mellon University',
  'MIT',
  'UC Berkeley',
  'Peking University',
  'Zhejiang University',
  'Salesforce Research',
  'IBM Research',
  'Mistral AI',
  'Amazon',
  'Baidu',
  'Kuaishou',
  'OpenGVLab',
  'Moonshot AI',
  'ETH Zurich',
  'University of Oxford',
  'KAIST',
];

/** arXiv categories, most used first: a paper's primary category is drawn Zipf from this list. */
export const CATEGORIES: readonly string[] = [
  'cs.CL',
  'cs.LG',
  'cs.CV',
  'cs.AI',
  'cs.RO',
  'stat.ML',
  'cs.IR',
  'cs.SE',
  'cs.CR',
  'eess.AS',
  'cs.HC',
  'cs.MA',
  'eess.IV',
  'cs.NE',
  'q-bio.QM',
  'cs.SD',
  'math.OC',
  'cs.DC',
  'physics.comp-ph',
  'cs.GR',
];
